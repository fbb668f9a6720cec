import { awscdk, javascript, JsonFile } from 'projen';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'resilient-lambda-rest-api',
  packageName: 'resilient-lambda-rest-api',
  description:
    'A drop-in LambdaRestApi whose failures reach clients as documented JSON errors and reach operators as alarms that name the cause.',
  keywords: ['cdk', 'aws-cdk', 'apigateway', 'lambda', 'rest-api', 'resilience', 'gateway-responses', 'alarms'],
  author: 'resilient-lambda-rest-api developers',
  authorAddress: 'dev@example.com',
  repositoryUrl: 'https://github.com/resilient-lambda-rest-api/resilient-lambda-rest-api.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',

  // The floor: the devDependency is pinned to it and the peer is ^cdkVersion. Why 2.257.0 and 10.5.1, and how both
  // ends are tested (here at the floor, .ci/run again at the newest): README "Supported versions".
  cdkVersion: '2.257.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  // No GitHub here: CI is `.ci/run`, so no workflows, mergify or release automation are generated.
  github: false,
  release: false,

  publishToPypi: {
    distName: 'resilient-lambda-rest-api',
    module: 'resilient_lambda_rest_api',
  },

  // OpenAPI documents in YAML: a jsii library must bundle its non-jsii runtime dependencies. `yaml` has no
  // dependencies of its own and reports the line and column of a parse error, which the synth error names.
  // `$ref`s to local files in ApiDefinition.fromAsset documents are resolved into one document (API Gateway
  // resolves no reference outside the document) by @apidevtools/json-schema-ref-parser: the reference
  // resolver swagger-cli and most OpenAPI tools use, kept up by APIDevTools. 14.x is the last line that is
  // CommonJS and runs on Node 20; its only dependency is js-yaml. It is asynchronous, so synth runs it in a
  // child process (src/openapi/local-refs.ts).
  bundledDeps: ['yaml@^2.9.1', '@apidevtools/json-schema-ref-parser@^14.2.1'],
  // The ResilienceChecks pack extends cdk-nag's NagPack (the library's entry loads it; npm 7+ installs it).
  peerDeps: ['cdk-nag@^3.0.2'],
  // `npx resilient-lambda-rest-api audit cdk.out/Stack.template.json`: the pack's rules over a template.
  bin: { 'resilient-lambda-rest-api': 'lib/audit/cli.js' },

  devDeps: [
    'aws-cdk@^2.1148.0',
    'fast-check@^4.10.2',
    'velocityjs@^2',
    '@aws-cdk/aws-service-spec',
    // bench/ only; 2.100.1 is the newest whose aws-cdk-lib peer (^2.239.0) admits the floor.
    '@aws-solutions-constructs/aws-apigateway-lambda@2.100.1',
    // aws-cdk-lib's own range at the floor, at the top of node_modules: aws-solutions-constructs wants an older
    // major, and npm ci drops a copy nested under aws-cdk-lib (it has bundled dependencies), leaving it none.
    '@aws-cdk/cloud-assembly-schema@^53.25.0',
    // The integ tests' assertions, and the runner that checks their snapshots and deploys them. integ-runner
    // 2.197.10 (the newest) reads cloud assemblies up to schema 53: aws-cdk-lib at the floor writes 53.x, newer
    // ones write 55, so the snapshot is checked at the floor only (README "Verify on your account").
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@2.197.10',
    // test/handlers: the Node handler helper wraps a Powertools REST router (the event handler users pair it with).
    '@aws-lambda-powertools/event-handler@^2.35.0',
    // scripts/handler-sizes.ts: the handler helper's size as a Lambda bundle, measured with the bundler users use.
    'esbuild@^0.25.0',
    // test/support/error-body-schema.ts: validates every error body either side produces against the generated JSON Schema.
    'ajv@^8.17.1',
    // The published SARIF 2.1.0 JSON schema (sarif-2.1.0-rtm.5.json, the OASIS standard's final schema), which the
    // audit's `--format sarif` output is validated against in test/audit: Microsoft's SARIF team ships it in this
    // package with a matcher that validates against it. No npm or PyPI package ships the schema on its own, and
    // writing the schema by hand would test our output against our own reading of the standard.
    '@microsoft/jest-sarif@1.0.0-beta.0',
    // @microsoft/jest-sarif's compiled code requires tslib without declaring it.
    'tslib@^2',
  ],

  jestOptions: {
    // A changed snapshot must fail the build, never be rewritten silently.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // test/integ holds CDK apps deployed by `npx projen integ`, not jest suites.
      testPathIgnorePatterns: ['/node_modules/', '/build/', '/cdk.out/', '/test/integ/'],
      setupFiles: ['<rootDir>/test/jest.setup.ts'],
      maxWorkers: 2,
      // Coverage of our code only, instrumented by babel: V8's provider records coverage of all of aws-cdk-lib's code
      // that every synth runs, which doubled the suite's time (measured: 174 s against 87 s for the same 1,928 tests).
      coverageProvider: 'babel',
      collectCoverageFrom: ['src/**/*.ts', 'handlers/node/src/**/*.ts'],
      coverageThreshold: {
        branches: 80, functions: 85, lines: 85, statements: 85,
      },
    },
  },

  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts', 'bench', 'handlers/node/src'],
    // CI must report lint errors, not hide them by rewriting files.
    commandOptions: { fix: false, extraArgs: ['--max-warnings=0'] },
  },

  gitignore: [
    '.jsii.tabl.json', '/cdk.out/', '/build/', '/bench/out/', '.venv/',
    // integ-runner's work directories, and the assertion provider's bundled handler it copies into each snapshot
    // (2.2 MB of integ-tests-alpha's code; the comparison ignores assets and nothing deploys from the snapshot).
    // No leading slash (still anchored: the pattern has a slash inside): projen drops '/test/...' for its '!/test/'.
    'test/integ/cdk-integ.out.*', 'test/integ/*.snapshot/asset.*',
    // The handler helpers' builds; the Python suites' caches.
    '/handlers/node/lib/', '/handlers/python/dist/', '/handlers/python/build/', '__pycache__/', '*.egg-info/', '.pytest_cache/', '.mypy_cache/',
  ],
  npmignoreEnabled: true,
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/handlers/', '/scripts/', '/bench/', '/.ci/', '/cdk.out/', '/build/', 'cdk.json'] },
});

// Our registry lacks unrs-resolver@1.13.0's non-Linux bindings, so its lock entry breaks `npm ci`.
project.package.addPackageResolutions('unrs-resolver@1.12.2');

// No test run may pass by running nothing (no --passWithNoTests).
const jestTask = project.addTask('test:jest', { description: 'Run the jest suites', exec: 'jest --ci', receiveArgs: true });


// The wheel and sdist: jsii-pacmak's own Python build (a virtual environment with setuptools, build and twine from
// PyPI, then `twine check`). Now that every machine reaches PyPI it needs nothing from Debian, which the old route
// (Debian's python3-build and twine, code-only pacmak) did; a fresh machine only needs Python 3 with venv.
project.packageTask.reset('bash scripts/parallel.sh "npx projen package:js" "npx projen package:python"');

// The Python suite (test/python, pytest and mypy --strict) in a fresh virtual environment made by uv from PyPI, against
// the built wheel: `npx projen test:python` at aws-cdk-lib 2.257.0, `npx projen test:python newest` at PyPI's newest.
// uv, not pip: it installs aws-cdk-lib (300 MB unpacked) in seconds where pip takes about a minute.
project.addTask('test:python', {
  description: 'Run test/python (pytest, then mypy --strict at the floor) against dist/python\'s wheel: floor (default) or newest',
  exec: 'bash scripts/test-python.sh',
  receiveArgs: true,
});

// The README's Python quick start as a user runs it: examples/python (cdk.json, app.py) synthesized by the aws-cdk CLI.
project.addTask('example:python', {
  description: 'Synthesize examples/python with the aws-cdk CLI from a fresh virtual environment into cdk.out/python',
  exec: 'bash scripts/example-python.sh',
});

// cfn-lint (newest, from PyPI) over synthesized templates: no error, and no warning kind the README does not explain.
project.addTask('lint:cfn', {
  description: 'cfn-lint every *.template.json under the given files or folders (default: cdk.out, build/templates, the integ snapshot)',
  exec: 'bash scripts/cfn-lint.sh',
  receiveArgs: true,
});

// One type-checked program over everything that is not jsii-compiled (tests run transpile-only for speed).
new JsonFile(project, 'tsconfig.dev.json', {
  obj: {
    extends: './tsconfig.json',
    compilerOptions: { noEmit: true, rootDir: '.' },
    include: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'handlers/node/src/**/*.ts'],
    exclude: ['node_modules'],
  },
});
const typecheck = project.addTask('typecheck', { description: 'Type-check tests, examples, scripts and benchmarks', exec: 'tsc --noEmit -p tsconfig.dev.json' });

// Projen's build is default, compile, post-compile, test, package. Their single-threaded steps run side by
// side on the second core (jsii next to tsc, docgen and rosetta next to eslint, npm next to Python packaging),
// which keeps a fresh clone's build well under three minutes on two cores.
// After jsii, the entry point is made to load each module on first use (scripts/lazy-index.ts says why).
project.compileTask.reset('bash scripts/parallel.sh "jsii --silence-warnings=reserved-word && ts-node --transpile-only scripts/lazy-index.ts lib/index.js" "npx projen typecheck"');
project.postCompileTask.reset('bash scripts/parallel.sh "jsii-docgen -o API.md && jsii-rosetta extract --strict --compile" "npx projen eslint"');
project.testTask.reset();
project.testTask.spawn(jestTask);
// Tests without a build: type-check, jest and lint.
project.addTask('check', {
  description: 'Type-check, run the tests and lint, without compiling or packaging',
  steps: [
    { spawn: typecheck.name }, { spawn: jestTask.name }, { spawn: project.eslint!.eslintTask.name },
  ],
});

// Type-checked dev folders: eslint's project service and ts-node read these.
for (const dir of ['examples', 'scripts', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..', isolatedModules: true },
      include: ['**/*.ts'],
      exclude: ['node_modules'],
    },
  });
}

// The main job: synthesize the example app with the real aws-cdk CLI and say where the template is.
project.addTask('example', {
  description: 'Synthesize the example app into cdk.out/ and print the template path',
  // typecheck covers examples/: the app itself runs transpile-only, as integ:snapshot does.
  env: { TS_NODE_TRANSPILE_ONLY: 'true' },
  steps: [
    { exec: 'cdk synth --quiet --app "ts-node --prefer-ts-exts examples/app.ts" --output cdk.out' },
    { exec: 'ts-node --prefer-ts-exts scripts/print-templates.ts cdk.out' },
  ],
});

// The OpenAPI example: a YAML document bound to a function by ResilientSpecRestApi.
project.addTask('example:openapi', {
  description: 'Synthesize the OpenAPI example app into cdk.out/openapi and print the template path',
  env: { TS_NODE_TRANSPILE_ONLY: 'true' },
  steps: [
    { exec: 'cdk synth --quiet --app "ts-node --prefer-ts-exts examples/openapi/app.ts" --output cdk.out/openapi' },
    { exec: 'ts-node --prefer-ts-exts scripts/print-templates.ts cdk.out/openapi' },
  ],
});

// The README's tables are generated from the code; test/readme.test.ts fails when they are stale.
project.addTask('readme', {
  description: 'Regenerate the generated tables in README.md',
  exec: 'ts-node --prefer-ts-exts scripts/readme.ts',
});

// Benchmarks against the alternatives: not part of the test run (it measures, it does not assert).
project.addTask('bench', {
  description: 'Synthesize the same APIs with LambdaRestApi, aws-solutions-constructs and this library; write BENCHMARKS.md',
  exec: 'ts-node --prefer-ts-exts bench/run.ts',
});
project.addTask('bench:profile', {
  description: 'CPU-profile the app process of cdk synth, this library against plain LambdaRestApi; print where the time goes',
  exec: 'ts-node --prefer-ts-exts bench/profile.ts',
});

// What the cdk-nag packs cost on the 200-method API: ResilienceChecks next to AwsSolutions (a section of BENCHMARKS.md).
project.addTask('bench:nag', {
  description: 'Time ResilienceChecks and AwsSolutions on the 200-method API; write their section of BENCHMARKS.md',
  exec: 'ts-node --prefer-ts-exts bench/nag.ts',
});

// The JSON Schema of the error body, generated from src/contract/error-body.ts into the library and both handler
// helpers before every compile; test/contract/error-body.test.ts fails when a committed copy is stale.
const schemaTask = project.addTask('schema', {
  description: 'Generate the error body\'s JSON Schema into schema/ and both handler helpers',
  exec: 'ts-node --transpile-only scripts/error-body-schema.ts',
});
project.preCompileTask.spawn(schemaTask);

// The handler helpers (handlers/): packages of their own, so that a Lambda bundle takes no aws-cdk-lib or jsii.
project.addTask('handler:node', {
  description: 'Compile the Node.js handler helper (handlers/node) to handlers/node/lib',
  exec: 'tsc -p handlers/node/tsconfig.json',
});
project.addTask('test:handler-python', {
  description: 'Run the Python handler helper\'s pytest suite in handlers/python/.venv (created from PyPI on first use)',
  exec: 'bash handlers/python/run-tests.sh',
  receiveArgs: true,
});
project.addTask('handler:sizes', {
  description: 'Measure the Node helper bundled by esbuild and the Python helper installed; print the README\'s table',
  exec: 'ts-node --transpile-only scripts/handler-sizes.ts',
});

// What the audit command costs on one template, a new process each run (needs `npx projen compile` first).
project.addTask('bench:audit', {
  description: 'Time `resilient-lambda-rest-api audit` on one template (compiled lib/), next to an empty Node process',
  exec: 'ts-node --prefer-ts-exts bench/audit.ts',
});

// Integ tests (test/integ/integ.*.ts, @aws-cdk/integ-tests-alpha), run by integ-runner. Its TypeScript preset runs each
// app with `node -r ts-node/register`; transpile-only skips a second type-check (typecheck covers test/integ) and
// takes the snapshot check from about 80 s to 25 s on a loaded machine. Extra arguments go to integ-runner.
const integRunner = 'integ-runner --directory test/integ --language typescript';
const transpileOnly = { TS_NODE_TRANSPILE_ONLY: 'true' };
project.addTask('integ', {
  description: 'Deploy each integ test app with your AWS credentials (us-east-1 unless --parallel-regions), run its assertions, destroy it',
  exec: `${integRunner} --force`,
  env: transpileOnly,
  receiveArgs: true,
});
project.addTask('integ:snapshot', {
  description: 'Synthesize each integ test app and compare it with its committed snapshot; fails on a difference (no AWS)',
  exec: integRunner,
  env: transpileOnly,
  receiveArgs: true,
});
project.addTask('integ:snapshot:update', {
  description: 'Rewrite the snapshots that differ from a fresh synthesis, deploying nothing (review the diff)',
  exec: `${integRunner} --update-on-failed --dry-run`,
  env: transpileOnly,
  receiveArgs: true,
});

// The OpenAPI benchmark: ResilientSpecRestApi against a hand-written SpecRestApi and LambdaRestApi at 100 to 3,000 operations.
project.addTask('bench:spec', {
  description: 'Synthesize 100, 1,000 and 3,000 operations with ResilientSpecRestApi, SpecRestApi and LambdaRestApi; write the OpenAPI section of BENCHMARKS.md',
  exec: 'ts-node --prefer-ts-exts bench/spec.ts',
});

// Proves the published artifact works: install the npm tarball into a fresh app and synthesize with it.
project.addTask('consumer-check', {
  description: 'Install dist/js/*.tgz into a temporary app next to aws-cdk-lib and synthesize a stack',
  exec: 'bash scripts/consumer-check.sh',
});

project.synth();
