"""The README's blocks name files relative to the app's folder (`lambda/`, `api.yaml`). jsii's JavaScript process keeps
the working directory it started in, so the suite moves into the blocks' folder before anything loads jsii."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "readme_fixture"))
