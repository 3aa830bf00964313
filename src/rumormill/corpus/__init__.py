"""What rumormill knows across articles: stories, independent origins, claim threads with stance
and status, entity profiles and timelines. See `model.py` for the nouns."""
