/**
 * setupFile for the database projects: DynamoDB Local accepts any credentials (it runs with
 * -sharedDb), but the AWS SDK refuses to sign without some. Give it fake ones unless real ones
 * are configured (DYNAMODB_ENDPOINT may point at a real table).
 */
process.env.AWS_REGION ??= "local";
if (!process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE) {
  process.env.AWS_ACCESS_KEY_ID = "local";
  process.env.AWS_SECRET_ACCESS_KEY = "local";
}
