-- Replenishment, export and cold-chain details the initial schema left out.
-- A line raised for an item the catalogue does not know (ordered from the default supplier, flagged for review).
ALTER TABLE order_lines ADD COLUMN unknown_item INTEGER NOT NULL DEFAULT 0;
-- The near-expiry lots of the line's item in that cabinet, JSON [{bin, lot, expiry_ms}], when near_expiry = 1.
ALTER TABLE order_lines ADD COLUMN near_expiry_lots TEXT;
-- Webhook export bookkeeping: attempts so far and the last failure.
ALTER TABLE orders ADD COLUMN export_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN export_error TEXT;
CREATE INDEX ix_orders_status ON orders (status);
CREATE INDEX ix_order_lines_cabinet_bin ON order_lines (cabinet_id, bin);
-- Lines added to an order: the exporter marks an order exported only if this is still what it sent.
ALTER TABLE orders ADD COLUMN line_count INTEGER NOT NULL DEFAULT 0;
