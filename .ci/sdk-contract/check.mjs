// Every read call of Raindrop's official Query API SDK (@raindrop-ai/query, generated from Raindrop's OpenAPI spec),
// run against a Query API, one line per call. Usage: node check.mjs BASE_URL (key in SAMPLE_API_KEY).
//
// A call passes when the SDK returns an answer and its response schemas accepted the body as it came. Those schemas
// are lenient on purpose (a missing field becomes "", 0 or false, an unknown enum value or a string where a number
// belongs is let through, each counted by the SDK as "unrecognized"), so a body the spec would reject still parses:
// this check reads the SDK's own counters and fails the call on any such repair.
import { RaindropQuery } from "@raindrop-ai/query";
import { startCountingUnrecognized } from "@raindrop-ai/query/types/unrecognized.js";

const serverURL = process.argv[2];
const apiKey = process.env.SAMPLE_API_KEY;
if (!serverURL || !apiKey) {
  console.error("usage: SAMPLE_API_KEY=... node check.mjs BASE_URL");
  process.exit(2);
}
const sdk = new RaindropQuery({ serverURL, apiKey, projectId: "checkout-bot", timeoutMs: 10_000 });
const daysAgo = (days) => new Date(Date.now() - days * 24 * 3600 * 1000);

let passed = 0;
let failed = 0;

/** Runs one call; `expect` checks the answer means something and returns a short summary for the line. */
async function check(name, call, expect) {
  // Zero-value defaults count as unrecognized too, so this one counter sees every repair the schemas made.
  const repairs = startCountingUnrecognized();
  let answer;
  let problem;
  try {
    answer = await call();
  } catch (error) {
    problem = describe(error);
  }
  const repaired = repairs.end();
  if (!problem && repaired > 0) {
    problem = `the SDK's schemas repaired ${repaired} value(s) of the body (missing fields, nulls or wrong types)`;
  }
  let summary = "";
  if (!problem) {
    try {
      summary = expect(answer);
    } catch (error) {
      problem = error.message;
    }
  }
  if (problem) {
    failed++;
    console.log(`sdk-contract: FAIL ${name}: ${problem}`);
  } else {
    passed++;
    console.log(`sdk-contract: ok   ${name}: ${summary}`);
  }
  return problem ? undefined : answer;
}

function describe(error) {
  const status = error.statusCode ?? error.httpMeta?.response?.status;
  const body = typeof error.body === "string" ? ` ${error.body.slice(0, 300)}` : "";
  const cause = error.cause?.message ? ` (${error.cause.message.slice(0, 600)})` : "";
  return `${error.name}${status ? ` ${status}` : ""}: ${error.message}${cause}${body}`;
}

function require(condition, message) {
  if (!condition) throw new Error(message);
}

function listed(what) {
  return (answer) => {
    require(answer.data.length > 0, `no ${what}`);
    return `${answer.data.length} ${what}${answer.meta?.hasMore ? ", more on the next page" : ""}`;
  };
}

const conversations = await check("conversations.list", () => sdk.conversations.list({}), listed("conversations"));
const conversationId = conversations?.data[0].id ?? "conv_sample_checkout";
await check("conversations.get", () => sdk.conversations.get({ id: conversationId }),
  (answer) => `${answer.data.id}: ${answer.data.messageCount} messages`);

const events = await check("events.list", () => sdk.events.list({ timestamp: { gte: daysAgo(13) } }), listed("events"));
const eventId = events?.data.find((event) => event.toolCalls?.length)?.id ?? "evt_sample_large";
await check("events.get", () => sdk.events.get({ id: eventId }), (answer) => `${answer.data.id} (${answer.data.eventName})`);
await check("traces.list", () => sdk.traces.list({ eventId }), listed("spans"));

for (const [mode, query] of [["text", "refund"], ["semantic", "charged twice for my order"], ["regex", "(?i)refund|r[üu]ckerstattung"]]) {
  await check(`events.search (${mode})`, () => sdk.events.search({ query, mode, timestampGte: daysAgo(13) }),
    (answer) => {
      require(answer.data.length > 0, "no matches");
      require(answer.data.every((event) => typeof event.relevanceScore === "number"), "a match without relevance_score");
      return `${answer.data.length} matches, best score ${answer.data[0].relevanceScore}`;
    });
}

const signals = await check("signals.list", () => sdk.signals.list({}), listed("signals"));
const signal = signals?.data.find((s) => s.groupId) ?? signals?.data[0];
await check("signals.get", () => sdk.signals.get({ id: signal?.id ?? "" }),
  (answer) => `${answer.data.name} (${answer.data.type}, ${answer.data.sentiment}, group ${answer.data.groupName})`);

const groups = await check("signalGroups.list", () => sdk.signalGroups.list({}), listed("signal groups"));
const groupId = signal?.groupId ?? groups?.data[0].id ?? "";
await check("signalGroups.get", () => sdk.signalGroups.get({ id: groupId }),
  (answer) => `${answer.data.name}: ${answer.data.signalCount} signals`);
await check("signalGroups.listSignals", () => sdk.signalGroups.listSignals({ id: groupId }), listed("signals"));

await check("events.count", () => sdk.events.count({ signal: signal?.id, countBy: "user_id", timestamp: { gte: daysAgo(13) } }),
  (answer) => {
    require(answer.data.total > 0, "a total of 0");
    return `${answer.data.total} users with ${signal?.name}`;
  });
await check("events.timeseries", () => sdk.events.timeseries({ interval: "day", timestamp: { gte: daysAgo(13) } }),
  (answer) => {
    const sum = answer.data.buckets.reduce((total, bucket) => total + bucket.count, 0);
    require(answer.data.buckets.length > 0, "no buckets");
    require(sum === answer.data.total, `buckets add up to ${sum}, total says ${answer.data.total}`);
    require(answer.meta.interval === "day", `meta.interval is ${answer.meta.interval}`);
    return `${answer.data.buckets.length} daily buckets, ${answer.data.total} events`;
  });
await check("events.facets", () => sdk.events.facets({ field: "signal", timestampGte: daysAgo(13), timestampLt: new Date() }),
  (answer) => {
    require(answer.data.length > 0, "no facet values");
    return answer.data.map((facet) => `${facet.value}=${facet.count}`).join(", ");
  });

const users = await check("users.list", () => sdk.users.list({}), listed("users"));
const userId = users?.data[0].id ?? "user_4711";
await check("users.get", () => sdk.users.get({ id: userId }),
  (answer) => `${answer.data.id}: ${answer.data.eventCount} events since ${answer.data.firstSeen.toISOString()}`);

console.log(`sdk-contract: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
