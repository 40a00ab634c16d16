-- The X-Request-Id of the delivery that led here, so one id leads from the webhook to the
-- decision, the plan and every audit row of its actions. Empty for rows written before.
ALTER TABLE incident ADD COLUMN request_id VARCHAR(128);
ALTER TABLE audit_event ADD COLUMN request_id VARCHAR(128);
ALTER TABLE remediation_plan ADD COLUMN request_id VARCHAR(128);
