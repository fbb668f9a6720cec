// Answers every path with 200; the API's error contract covers what happens when it does not.
exports.handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ ok: true, path: event.path }),
});
