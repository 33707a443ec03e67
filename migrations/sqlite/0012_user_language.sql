-- The language each user reads Obzvon in: 'ru' or 'en'; NULL follows the browser.
ALTER TABLE users ADD COLUMN lang TEXT CHECK (lang IN ('ru', 'en'));
