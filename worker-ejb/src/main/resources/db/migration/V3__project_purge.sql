-- A deleted project's events are purged in the background, in chunks (housekeeping timer);
-- purged_at marks a tombstone whose events are all gone.
alter table projects add column purged_at timestamptz;
update projects set purged_at = deleted_at
 where deleted_at is not null
   and not exists (select 1 from events e where e.project = projects.id);
