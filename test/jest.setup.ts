// aws-cdk-lib's built-in template validation loads its rule set on the first synth of every test file
// (about 15 s here). Only the test files that check the validation itself turn it back on.
process.env.CDK_VALIDATION = 'false';
