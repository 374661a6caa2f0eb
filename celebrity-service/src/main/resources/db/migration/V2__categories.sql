CREATE TABLE category
(
  id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name        VARCHAR(50)  NOT NULL UNIQUE,
  slug        VARCHAR(50)  NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  description TEXT         NOT NULL,
  icon_url    TEXT         NOT NULL,
  sort_order  INT          NOT NULL,
  created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

INSERT INTO category (name, slug, description, icon_url, sort_order) VALUES
  ('Actors & Actresses', 'actors', 'Film and stage stars, from blockbuster leads to award-winning character actors.', 'https://cdn.starrymeet.com/icons/categories/actors.svg', 10),
  ('Musicians', 'musicians', 'Singers, bands, rappers, DJs and instrumentalists.', 'https://cdn.starrymeet.com/icons/categories/musicians.svg', 20),
  ('Athletes', 'athletes', 'Professional and Olympic athletes across every sport.', 'https://cdn.starrymeet.com/icons/categories/athletes.svg', 30),
  ('Comedians', 'comedians', 'Stand-up comics, sketch performers and comedy writers.', 'https://cdn.starrymeet.com/icons/categories/comedians.svg', 40),
  ('Influencers', 'influencers', 'Creators with large followings on social and video platforms.', 'https://cdn.starrymeet.com/icons/categories/influencers.svg', 50),
  ('TV Personalities', 'tv-personalities', 'Hosts, presenters and reality TV stars.', 'https://cdn.starrymeet.com/icons/categories/tv-personalities.svg', 60),
  ('Authors', 'authors', 'Novelists, poets and non-fiction writers.', 'https://cdn.starrymeet.com/icons/categories/authors.svg', 70),
  ('Chefs', 'chefs', 'Celebrity chefs, restaurateurs and food personalities.', 'https://cdn.starrymeet.com/icons/categories/chefs.svg', 80),
  ('Artists', 'artists', 'Painters, photographers, designers and visual artists.', 'https://cdn.starrymeet.com/icons/categories/artists.svg', 90),
  ('Business Leaders', 'business-leaders', 'Founders, executives and investors.', 'https://cdn.starrymeet.com/icons/categories/business-leaders.svg', 100),
  ('Gamers & Streamers', 'gamers', 'Esports professionals and live streamers.', 'https://cdn.starrymeet.com/icons/categories/gamers.svg', 110),
  ('Models', 'models', 'Fashion and runway models.', 'https://cdn.starrymeet.com/icons/categories/models.svg', 120);
