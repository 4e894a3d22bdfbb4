-- Search reads text folded by Go's data.Fold, registered as the SQL function clusterbridge_fold: it spells out
-- the letters unicode61's remove_diacritics cannot reach (ø→o, æ→ae, ł→l, ß→ss, ı→i, œ→oe, þ→th), so that
-- "kobenhavn" finds København and "wroclaw" Wrocław. Queries are folded the same way. Re-index every cluster.
INSERT INTO clusters_fts (clusters_fts) VALUES ('delete-all');
INSERT INTO clusters_fts (rowid, name, acronym, focus, description, city)
    SELECT id, clusterbridge_fold(name), clusterbridge_fold(acronym), clusterbridge_fold(focus),
           clusterbridge_fold(description), clusterbridge_fold(city)
    FROM clusters;
