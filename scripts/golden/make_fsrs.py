"""FSRS golden vectors: py-fsrs (fuzz off, default settings) over 10,000 random reviews.

400 cards, 25 reviews each, created over a month from 2024-01-01T00:00:00Z. Review times mix
on-time reviews, late ones, same-day repeats and immediate repeats, so that every branch
(learning/relearning steps, short-term stability, long-term recall and forgetting) is taken.
Times are whole seconds since the Unix epoch; after each review the card's state, step,
stability, difficulty and due time (seconds since the epoch, microsecond precision) are stored.
"""
import json
import random
import sys
from datetime import datetime, timedelta, timezone

from fsrs import Card, Rating, Scheduler

START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def epoch(moment):
    return (moment - datetime(1970, 1, 1, tzinfo=timezone.utc)) / timedelta(microseconds=1) / 1e6


def main(path):
    rng = random.Random(20240503)
    scheduler = Scheduler(enable_fuzzing=False)
    cards, reviews, expected = [], [], []
    for card_index in range(400):
        created = START + timedelta(seconds=rng.randrange(0, 30 * 86400))
        card = Card(card_id=card_index + 1, due=created)
        cards.append(int(epoch(created)))
        last = created
        for _ in range(25):
            mode = rng.random()
            if mode < 0.40:  # around the due time
                span = max(60.0, (card.due - last).total_seconds())
                moment = card.due + timedelta(seconds=int(rng.uniform(-0.3, 0.3) * span))
            elif mode < 0.70:  # late
                span = max(60.0, (card.due - last).total_seconds())
                moment = card.due + timedelta(seconds=int(rng.uniform(0, 3) * span))
            elif mode < 0.85:  # later the same day
                moment = last + timedelta(seconds=rng.randrange(1, 20 * 3600))
            else:  # right away
                moment = last + timedelta(seconds=rng.randrange(1, 120))
            if moment <= last:
                moment = last + timedelta(seconds=1)
            rating = rng.choices([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy], [0.2, 0.15, 0.5, 0.15])[0]
            card, _ = scheduler.review_card(card, rating, moment)
            last = moment
            reviews.append([card_index, int(rating), int(epoch(moment))])
            expected.append([epoch(card.due), int(card.state), -1 if card.step is None else card.step,
                             card.stability, card.difficulty])
    document = {
        "description": "py-fsrs Scheduler(enable_fuzzing=False) with default parameters; reviews are "
                       "[card, rating 1-4, unix seconds]; expected after each is [due unix seconds, state 1-3, "
                       "step or -1, stability, difficulty]",
        "reference": "fsrs (py-fsrs) Scheduler.review_card",
        "parameters": list(scheduler.parameters),
        "desired_retention": scheduler.desired_retention,
        "cards_created": cards,
        "reviews": reviews,
        "expected": expected,
    }
    with open(path, "w") as f:
        json.dump(document, f, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
