// The generated TypeScript client, installed from its npm pack as a Node project would, against a
// running mock (./run-tests starts it and passes its ready line's URL and keys in the environment).
// Each test checks the request the client sent against the contract, and what came back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Configuration, ResponseError, RunType, RunsApi, SortOrder } from '@runs-api/client';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run generated/typescript/run-tests, which starts the mock`);
  }
  return value;
}

const url = required('RUNS_MOCK_URL');
const appId = required('RUNS_MOCK_APP_ID');
const apiKey = required('RUNS_MOCK_API_KEY');
const otherApiKey = required('RUNS_MOCK_OTHER_API_KEY');

interface Sent {
  url: URL;
  rawQuery: string;
  headers: Headers;
}

// Records every request the client sends, then sends it.
const sent: Sent[] = [];
const recordingFetch: typeof fetch = (input, init) => {
  const requested = String(input);
  sent.push({
    url: new URL(requested),
    rawQuery: requested.slice(requested.indexOf('?') + 1),
    headers: new Headers(init?.headers),
  });
  return fetch(input, init);
};

function client(key: string): RunsApi {
  return new RunsApi(new Configuration({ basePath: url, apiKey: key, fetchApi: recordingFetch }));
}

const may = {
  appId,
  startTime: new Date('2024-05-01T00:00:00Z'),
  endTime: new Date('2024-06-01T00:00:00Z'),
};

async function problemOf(call: Promise<unknown>): Promise<{ status: number; type: string; body: any }> {
  const error = await call.then(
    () => assert.fail('expected an error answer'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ResponseError, `not a ResponseError: ${error}`);
  return {
    status: error.response.status,
    type: error.response.headers.get('content-type') ?? '',
    body: await error.response.json(),
  };
}

test('two tags are sent as repeated parameters and both apply', async () => {
  const runs = client(apiKey);
  const both = await runs.listRuns({ ...may, tags: ['beta', 'eval'], type: [RunType.Llm], order: SortOrder.Asc, limit: 1000 });
  const request = sent[sent.length - 1];
  // The contract: arrays as repeated parameters (style form, explode true), never a JSON or CSV list.
  assert.match(request.rawQuery, /(^|&)tags=beta&tags=eval(&|$)/);
  assert.deepEqual(request.url.searchParams.getAll('tags'), ['beta', 'eval']);
  assert.deepEqual(request.url.searchParams.getAll('type'), ['llm']);
  assert.equal(request.url.searchParams.get('app_id'), appId);
  assert.equal(request.url.searchParams.get('start_time'), '2024-05-01T00:00:00.000Z');
  assert.match(request.rawQuery, /start_time=2024-05-01T00%3A00%3A00.000Z/);
  assert.equal(request.url.searchParams.get('order'), 'asc');
  // The key through the security schemes: both forms, equal, as the contract allows.
  assert.equal(request.headers.get('X-API-Key'), apiKey);
  assert.equal(request.url.searchParams.get('api_key'), apiKey);

  assert.ok(both.data.length > 0, 'no run tagged beta or eval');
  for (const run of both.data) {
    assert.equal(run.type, RunType.Llm);
    assert.ok(run.tags.has('beta') || run.tags.has('eval'), `run ${run.id} has ${[...run.tags]}`);
  }
  for (let i = 1; i < both.data.length; i++) {
    assert.ok(both.data[i - 1].createdAt <= both.data[i].createdAt, 'ascending by createdAt');
  }
  // Any-of: each tag alone matches no more than the two together, and the two together more than either.
  const beta = await runs.listRuns({ ...may, tags: ['beta'], type: [RunType.Llm], limit: 1 });
  const evalOnly = await runs.listRuns({ ...may, tags: ['eval'], type: [RunType.Llm], limit: 1 });
  assert.ok(both.total > beta.total && both.total > evalOnly.total,
    `beta or eval: ${both.total}, beta: ${beta.total}, eval: ${evalOnly.total}`);
  assert.ok(both.total <= beta.total + evalOnly.total);
});

test('invalid parameters answer one 422 problem naming each', async () => {
  const problem = await problemOf(client(apiKey).listRuns({ ...may, limit: 0, order: 'up' as SortOrder }));
  const request = sent[sent.length - 1];
  assert.equal(request.url.searchParams.get('limit'), '0');
  assert.equal(request.url.searchParams.get('order'), 'up');
  assert.equal(problem.status, 422);
  assert.match(problem.type, /^application\/problem\+json/);
  assert.equal(problem.body.status, 422);
  const named = problem.body.errors.map((e: { parameter: string }) => e.parameter).sort();
  assert.deepEqual(named, ['limit', 'order']);
});

test("another tenant's key answers 403", async () => {
  const problem = await problemOf(client(otherApiKey).listRuns(may));
  const request = sent[sent.length - 1];
  assert.equal(request.headers.get('X-API-Key'), otherApiKey);
  assert.equal(problem.status, 403);
  assert.match(problem.type, /^application\/problem\+json/);
  assert.equal(problem.body.status, 403);
});
