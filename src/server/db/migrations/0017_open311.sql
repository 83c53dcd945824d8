-- Open311 GeoReport v2 (issue 11): the photo a client system links to its request (media_url),
-- shown again by GET requests. Only Open311 cases carry one.
ALTER TABLE resident_case ADD COLUMN media_url text CHECK (media_url IS NULL OR length(media_url) <= 2000);
