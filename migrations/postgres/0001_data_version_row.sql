-- The data version's one row, which every write locks. Its version stays empty until the first
-- load of the documents sets the content hash.
INSERT INTO "data_version" ("id", "version", "counter") VALUES (1, '', 0) ON CONFLICT ("id") DO NOTHING;
