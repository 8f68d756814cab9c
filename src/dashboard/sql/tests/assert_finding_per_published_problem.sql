-- Offending rows: findings without a note or subject (every finding must explain itself).
select finding_id from dq_finding where trim(note) = '' or trim(subject) = ''
