-- The Kafka topic id (KIP-516) of the log the stored offset belongs to: a topic deleted and created again under the
-- same name is another log, whose offsets start again at 0. Null for a row stored before the id was kept; the next
-- assignment adopts the topic's id then.
ALTER TABLE consumer_offsets ADD COLUMN topic_id uuid;
