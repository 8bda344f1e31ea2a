-- The outbox row no longer references its subscription by a foreign key. The key's check locked the subscription's
-- row (FOR KEY SHARE) in the transaction of every change that queued a delivery: under concurrent filings every
-- change of a kabupaten locked the same row at once, and each such lock wrote the row and grew a multixact of
-- all its lockers. Deleting a subscription deletes its deliveries itself (SubscriptionService.delete); a delivery
-- queued by a change whose transaction still saw the subscription as the deletion committed is never claimed (the
-- claim joins the subscription) and goes with the next purge (WebhookStore.purgeOrphans).
alter table webhook_delivery drop constraint webhook_delivery_subscription_id_fkey;
