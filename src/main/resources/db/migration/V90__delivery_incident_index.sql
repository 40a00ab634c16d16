-- The dashboard's incident page lists the deliveries behind one incident.
CREATE INDEX delivery_incident ON delivery (incident_id);
