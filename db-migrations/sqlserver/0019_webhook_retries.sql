-- Each time a delivery was sent again on request (POST .../retry), so that a subscription's retries can be limited per
-- hour; rows older than the hour are deleted as new ones are counted.
CREATE TABLE webhook_retries (
    webhook_id uniqueidentifier NOT NULL REFERENCES webhooks (id),
    delivery_id uniqueidentifier NOT NULL REFERENCES webhook_deliveries (id),
    retried_at datetimeoffset NOT NULL
);

CREATE INDEX ix_webhook_retries_webhook_id_retried_at ON webhook_retries (webhook_id, retried_at);
