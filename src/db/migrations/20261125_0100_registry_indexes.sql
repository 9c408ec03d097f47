-- Indexes for the staff list filters and the finder: institutions by place (location territory), services by
-- area and residency territory, finer help types by their parent term.
CREATE INDEX location_territory_code_idx ON location (territory_code);
CREATE INDEX service_area_territory_code_idx ON service_area (territory_code);
CREATE INDEX service_residency_territory_code_idx ON service_residency_territory (territory_code);
CREATE INDEX taxonomy_term_parent_id_idx ON taxonomy_term (parent_id);
CREATE INDEX attribute_link_entity_term_idx ON attribute (link_entity, taxonomy_term_id);
