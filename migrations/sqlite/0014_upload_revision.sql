-- Which version of an upload's cells is stored: raised whenever its cells or the way they were
-- read change (a fixed row, another sheet), so a copy of the parsed cells kept in memory is
-- known to be current without reading (and parsing) the cells again.
ALTER TABLE lead_uploads ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
