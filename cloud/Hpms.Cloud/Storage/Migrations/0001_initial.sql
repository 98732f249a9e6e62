-- The cloud's relational state, written once for SQLite and PostgreSQL (see SqlDialect).
-- Times are Unix milliseconds (UTC) in BIGINT; flags are INTEGER 0/1; ids of things that exist outside
-- the database (devices, items, suppliers, technicians, users) are TEXT; rows the cloud creates get
-- {{identity}} keys. Exactly-once rules live here as unique indexes, not only in code.

CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE zones (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites (id),
    building TEXT NOT NULL,
    name TEXT NOT NULL
);

-- Registered devices; ingest upserts what gateways report (last_seen_ms) and keeps unknown ones out.
CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    gateway_id TEXT NOT NULL,
    building TEXT NOT NULL,
    zone TEXT NOT NULL,
    device_class TEXT NOT NULL,
    name TEXT,
    storeroom TEXT,
    last_seen_ms BIGINT,
    last_sequence BIGINT,
    online INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE suppliers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    lead_time_days DOUBLE PRECISION NOT NULL DEFAULT 2,
    webhook_url TEXT
);

-- Items by the code a cabinet bin reports (binNN.item).
CREATE TABLE items (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    supplier_id TEXT NOT NULL REFERENCES suppliers (id),
    pack_size INTEGER NOT NULL DEFAULT 1 CHECK (pack_size >= 1),
    unit TEXT NOT NULL DEFAULT 'pcs',
    near_expiry_days INTEGER NOT NULL DEFAULT 30
);

-- What a cabinet bin should hold; the bin's own registers (par, reorder point) are used when no row exists.
CREATE TABLE par_levels (
    cabinet_id TEXT NOT NULL,
    bin INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    par INTEGER NOT NULL CHECK (par >= 0),
    reorder_point INTEGER NOT NULL CHECK (reorder_point >= 0),
    PRIMARY KEY (cabinet_id, bin)
);

-- Latest known stock per cabinet bin, from telemetry (lets order lines close and holds list lots).
CREATE TABLE bin_stock (
    cabinet_id TEXT NOT NULL,
    bin INTEGER NOT NULL,
    item_id TEXT,
    on_hand INTEGER NOT NULL,
    par INTEGER,
    reorder_point INTEGER,
    lot TEXT,
    expiry_ms BIGINT,
    updated_ms BIGINT NOT NULL,
    PRIMARY KEY (cabinet_id, bin)
);

-- Every event received, once per (id, state): the idempotency ledger. A duplicate insert does nothing.
CREATE TABLE events (
    event_id TEXT NOT NULL,
    state TEXT NOT NULL,
    kind TEXT NOT NULL,
    device_id TEXT NOT NULL,
    started_ms BIGINT NOT NULL,
    received_ms BIGINT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (event_id, state)
);

CREATE TABLE alarms (
    id {{identity}},
    event_id TEXT NOT NULL UNIQUE,
    device_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    series TEXT NOT NULL,
    severity TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('active', 'acknowledged', 'cleared')),
    started_ms BIGINT NOT NULL,
    cleared_ms BIGINT,
    acknowledged_by TEXT,
    acknowledged_ms BIGINT,
    message TEXT NOT NULL,
    values_json TEXT NOT NULL,
    excursion_json TEXT
);
CREATE INDEX ix_alarms_state ON alarms (state);

-- Orders group lines per supplier and storeroom; one open (not yet sent) order per pair.
CREATE TABLE orders (
    id {{identity}},
    kind TEXT NOT NULL CHECK (kind IN ('replenishment', 'gas')),
    supplier_id TEXT NOT NULL,
    storeroom TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'exported', 'closed', 'cancelled')),
    created_ms BIGINT NOT NULL,
    exported_ms BIGINT,
    closed_ms BIGINT
);
CREATE UNIQUE INDEX ux_orders_open ON orders (kind, supplier_id, storeroom) WHERE status = 'open';

-- At most one open line per cabinet and item, enforced here.
CREATE TABLE order_lines (
    id {{identity}},
    order_id BIGINT NOT NULL REFERENCES orders (id),
    cabinet_id TEXT NOT NULL,
    bin INTEGER,
    item_id TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    on_hand INTEGER NOT NULL,
    par INTEGER NOT NULL,
    on_order INTEGER NOT NULL DEFAULT 0,
    pack_size INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'cancelled')),
    source_event_id TEXT NOT NULL,
    near_expiry INTEGER NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL,
    closed_ms BIGINT,
    close_reason TEXT
);
CREATE UNIQUE INDEX ux_order_lines_open ON order_lines (cabinet_id, item_id) WHERE status = 'open';
CREATE INDEX ix_order_lines_order ON order_lines (order_id);

-- Contents of a fridge held after an excursion until a pharmacist releases or discards them.
CREATE TABLE stock_holds (
    id {{identity}},
    alarm_id BIGINT NOT NULL REFERENCES alarms (id),
    device_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('held', 'released', 'discarded')),
    lots_json TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    decided_ms BIGINT,
    decided_by TEXT
);
CREATE UNIQUE INDEX ux_stock_holds_alarm ON stock_holds (alarm_id);

CREATE TABLE technicians (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    skills TEXT NOT NULL,
    zones TEXT NOT NULL,
    shift_start_minute INTEGER NOT NULL DEFAULT 0,
    shift_end_minute INTEGER NOT NULL DEFAULT 1440,
    escalation_level INTEGER NOT NULL DEFAULT 1,
    active INTEGER NOT NULL DEFAULT 1,
    contact TEXT
);

-- One open work order per asset and cause, enforced here.
CREATE TABLE work_orders (
    id {{identity}},
    asset_id TEXT NOT NULL,
    cause TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    priority TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    state TEXT NOT NULL CHECK (state IN ('created', 'assigned', 'accepted', 'in_progress', 'resolved', 'verified', 'closed', 'reopened', 'cancelled')),
    skill TEXT NOT NULL,
    zone TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('event', 'predictive', 'manual')),
    source_ref TEXT,
    alarm_id BIGINT,
    assigned_to TEXT REFERENCES technicians (id),
    escalation_level INTEGER NOT NULL DEFAULT 0,
    reopen_count INTEGER NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL,
    response_due_ms BIGINT NOT NULL,
    resolution_due_ms BIGINT NOT NULL,
    assigned_ms BIGINT,
    accepted_ms BIGINT,
    started_ms BIGINT,
    resolved_ms BIGINT,
    verified_ms BIGINT,
    closed_ms BIGINT,
    resolution_note TEXT,
    verified_by TEXT,
    version INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_work_orders_open ON work_orders (asset_id, cause) WHERE state NOT IN ('closed', 'cancelled');
CREATE INDEX ix_work_orders_state ON work_orders (state);
CREATE INDEX ix_work_orders_assigned ON work_orders (assigned_to);

CREATE TABLE work_order_transitions (
    id {{identity}},
    work_order_id BIGINT NOT NULL REFERENCES work_orders (id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    note TEXT
);
CREATE INDEX ix_work_order_transitions_wo ON work_order_transitions (work_order_id);

CREATE TABLE notifications (
    id {{identity}},
    at_ms BIGINT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    work_order_id BIGINT,
    delivered_ms BIGINT
);

CREATE TABLE users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL,
    technician_id TEXT REFERENCES technicians (id),
    created_ms BIGINT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    key_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    roles TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    revoked_ms BIGINT
);

-- Commands the API sent to devices and what came back.
CREATE TABLE commands (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    name TEXT NOT NULL,
    args_json TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    issued_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sent', 'succeeded', 'failed', 'timed_out')),
    reply_json TEXT,
    replied_ms BIGINT
);

-- Append-only from the API's point of view: the code has no UPDATE or DELETE on it.
CREATE TABLE audit_log (
    id {{identity}},
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_audit_log_at ON audit_log (at_ms);

-- Payloads the ingest refused, with the reason; the payload is base64 so any bytes survive.
CREATE TABLE dead_letters (
    id {{identity}},
    received_ms BIGINT NOT NULL,
    topic TEXT NOT NULL,
    reason TEXT NOT NULL,
    payload_base64 TEXT NOT NULL,
    payload_bytes INTEGER NOT NULL
);

-- Leases for jobs one instance runs at a time (predictive maintenance, escalation, export).
CREATE TABLE job_leases (
    job TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_ms BIGINT NOT NULL
);
