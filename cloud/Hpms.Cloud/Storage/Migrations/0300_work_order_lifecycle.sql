-- Work-order lifecycle: when work was cancelled or last reopened (KPIs: backlog at a period end), and
-- the index the KPI and dispatch queries scan by.
ALTER TABLE work_orders ADD COLUMN cancelled_ms BIGINT;
ALTER TABLE work_orders ADD COLUMN reopened_ms BIGINT;
CREATE INDEX ix_work_orders_created ON work_orders (created_ms);
