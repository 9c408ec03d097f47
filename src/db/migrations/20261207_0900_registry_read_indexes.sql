-- Every link the HSDS API follows from a page of services has an index (issue 16, item 2): on the embedded
-- database a query runs in the app's own thread, so one sequential scan per page stalled every other request.
-- The page order (name, id) has one too, so a page reads only its rows.
CREATE INDEX IF NOT EXISTS contact_service_at_location_id_idx ON contact (service_at_location_id);
CREATE INDEX IF NOT EXISTS phone_service_at_location_id_idx ON phone (service_at_location_id);
CREATE INDEX IF NOT EXISTS schedule_service_at_location_id_idx ON schedule (service_at_location_id);
CREATE INDEX IF NOT EXISTS language_location_id_idx ON language (location_id);
CREATE INDEX IF NOT EXISTS language_phone_id_idx ON language (phone_id);
CREATE INDEX IF NOT EXISTS accessibility_location_id_idx ON accessibility (location_id);
CREATE INDEX IF NOT EXISTS cost_option_service_id_idx ON cost_option (service_id);
CREATE INDEX IF NOT EXISTS funding_service_id_idx ON funding (service_id);
CREATE INDEX IF NOT EXISTS funding_organization_id_idx ON funding (organization_id);
CREATE INDEX IF NOT EXISTS program_organization_id_idx ON program (organization_id);
CREATE INDEX IF NOT EXISTS service_name_id_idx ON service (name, id);
CREATE INDEX IF NOT EXISTS service_updated_at_idx ON service (updated_at);
