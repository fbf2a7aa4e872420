import { Kafka, logLevel, LogEntry } from 'kafkajs';

/** One kafkajs client per process, logging only warnings and errors through the given sink. */
export function createKafka(brokers: string[], clientId: string, log: (msg: string) => void = (m) => process.stderr.write(m + '\n')): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 100, retries: 10 },
    logCreator: () => ({ level, log: entry }: { level: logLevel; log: LogEntry['log'] }) => {
      // Right after a broker start, leader/coordinator errors are transient and retried: keep them quiet.
      if (/not the leader|coordinator is not available|leadership election|does not host this topic-partition|topic creation errors|rebalancing/i.test(`${entry.message} ${String(entry.error ?? '')}`)) return;
      log(JSON.stringify({ level: logLevel[level], scope: 'kafkajs', msg: entry.message, error: entry.error }));
    },
  });
}

export function parseBrokers(value: string): string[] {
  return value.split(',').map((b) => b.trim()).filter(Boolean);
}

/**
 * Creates topics that do not exist yet (3 partitions) and waits until each partition has a leader.
 * Subscribing to a topic that is still being auto-created fails on a fresh broker, and several
 * services may race to create the same topic, so this retries until the topics are usable.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3, timeoutMs = 60_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t));
        if (missing.length) await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions })), waitForLeaders: true });
        const meta = await admin.fetchTopicMetadata({ topics });
        if (meta.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (e) {
        // "already exists" from a concurrent creator, or leaders not elected yet: look again
        if (Date.now() > deadline) throw e;
      }
      if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} not ready after ${timeoutMs / 1000}s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await admin.disconnect();
  }
}
