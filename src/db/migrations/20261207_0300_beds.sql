-- Beds tonight (issue 13, src/beds/): the capacity of each place with beds, what changed it and who, blocked places,
-- stays (arrivals, departures, counted walk-ins), holds from accepted referrals and the reminders' one-use links.

-- The figure a place last gave, and when. `available` is "free now" at `figure_at`; arrivals and departures after
-- that moment move it (bed_movement), holds in force take from it (bed_hold). One row per service with beds; a hold
-- locks this row (SELECT … FOR UPDATE) so two holds on the last bed cannot both succeed.
CREATE TABLE bed_capacity (
  service_id uuid PRIMARY KEY REFERENCES service (id) ON DELETE CASCADE,
  maximum integer NOT NULL CHECK (maximum >= 0 AND maximum <= 10000),
  -- of the maximum: places for men only, for women only, accessible ones; the rest are for anyone
  places_men integer NOT NULL DEFAULT 0 CHECK (places_men >= 0),
  places_women integer NOT NULL DEFAULT 0 CHECK (places_women >= 0),
  places_accessible integer NOT NULL DEFAULT 0 CHECK (places_accessible >= 0),
  available integer NOT NULL CHECK (available >= 0 AND available <= maximum),
  figure_at timestamptz NOT NULL,
  -- the last change of any kind (a figure, a stay, a walk-in): what the public "updated … ago" says
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES account (id) ON DELETE SET NULL,
  CHECK (places_men + places_women <= maximum),
  CHECK (places_accessible <= maximum)
);

-- Every figure given: when, by whom, how (staff page, API, reminder link).
CREATE TABLE bed_capacity_update (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  available integer NOT NULL,
  maximum integer NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid REFERENCES account (id) ON DELETE SET NULL,
  channel text NOT NULL CHECK (channel IN ('staff', 'api', 'reminder'))
);
CREATE INDEX bed_capacity_update_service_idx ON bed_capacity_update (service_id, recorded_at);

-- Places out of use for a while (repairs, an outbreak …), with a reason and a period.
CREATE TABLE bed_block (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  places integer NOT NULL CHECK (places > 0 AND places <= 10000),
  reason text NOT NULL CHECK (reason IN ('repair', 'cleaning', 'health', 'staffing', 'other')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  created_by uuid REFERENCES account (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX bed_block_service_idx ON bed_block (service_id, ends_at);

-- Stays: an arrival takes a place, a departure gives one back. From a referral (referral_id) or a counted walk-in
-- with no name (referral_id null). Only movements after the figure's moment count.
CREATE TABLE bed_movement (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('arrival', 'departure')),
  referral_id uuid REFERENCES referral (id) ON DELETE SET NULL,
  occurred_at timestamptz NOT NULL,
  recorded_by uuid REFERENCES account (id) ON DELETE SET NULL
);
CREATE INDEX bed_movement_service_idx ON bed_movement (service_id, occurred_at);

-- A place held for an accepted referral until a time. In force while state = 'held' and held_until > now (worked
-- out when read); the beds.lapse job marks the ones past their time 'lapsed'. Arrival confirms it.
CREATE TABLE bed_hold (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  referral_id uuid REFERENCES referral (id) ON DELETE SET NULL,
  held_until timestamptz NOT NULL,
  state text NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'confirmed', 'released', 'lapsed')),
  created_by uuid REFERENCES account (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX bed_hold_service_idx ON bed_hold (service_id, held_until) WHERE state = 'held';
CREATE INDEX bed_hold_referral_idx ON bed_hold (referral_id);

-- The evening reminder's links: only the SHA-256 of the random token is kept; one service, one use, an expiry.
CREATE TABLE bed_reminder (
  token_hash text PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  sent_on date NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  UNIQUE (service_id, sent_on)
);
