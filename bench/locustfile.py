# ruff: noqa: S311 - think times and picked answers, not secrets
"""A learner in a training round, for Locust (run by bench/replay.py in its own virtualenv).

Each simulated learner (already registered, already logged in) opens the quiz page, starts,
and on each of the ten screens picks an answer, then does what quiz.js does: the autosave POST
(through js/offline.js: multipart form data with an Idempotency-Key), and, once the server
has the answer and nothing is pending, "save and next" is a plain GET of the next screen (the
screen's form is posted only when something is unsaved, which never happens here). The last
answer goes with "finish" (always a POST of the screen's form), then the result: 24 requests
per learner. Every answer the server acknowledged is written to a log, which replay.py
compares with the database. Environment: BENCH_LEARNERS (JSON file), BENCH_QUIZ_URL,
BENCH_START_URL, BENCH_SENT_LOG, BENCH_THINK_MIN/MAX (seconds).
"""

import json
import os
import random
import re
import time
import uuid

import gevent
from locust import HttpUser, task
from locust.exception import StopUser

LEARNERS = iter(json.load(open(os.environ["BENCH_LEARNERS"])))  # noqa: SIM115
SENT = open(os.environ["BENCH_SENT_LOG"], "a", buffering=1)  # noqa: SIM115
THINK = (
    float(os.environ.get("BENCH_THINK_MIN", "2")),
    float(os.environ.get("BENCH_THINK_MAX", "4")),
)
QUESTION = re.compile(r'name="question" value="(\d+)"')
SEQUENCE = re.compile(r'name="sequence" value="(\d+)"')


def choices_of(html: str, question: str) -> list[str]:
    return re.findall(rf'name="q{question}" value="(\d+)"', html)


class Learner(HttpUser):
    def wait_time(self):
        return 0

    def think(self):
        gevent.sleep(random.uniform(*THINK))

    def expect(self, response, status, name):
        if response.status_code != status:
            response.failure(f"{name}: {response.status_code}")
            raise StopUser
        response.success()

    @task
    def one_learner(self):
        try:
            learner = next(LEARNERS)
        except StopIteration:
            raise StopUser from None
        self.client.cookies.clear()
        for name, value in learner["cookies"].items():
            self.client.cookies.set(name, value)
        csrf = {"X-CSRFToken": learner["csrf"]}
        with self.client.get(
            os.environ["BENCH_QUIZ_URL"], name="quiz page", catch_response=True
        ) as r:
            self.expect(r, 200, "quiz page")
        self.think()
        with self.client.post(
            os.environ["BENCH_START_URL"],
            headers=csrf,
            name="start",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            self.expect(r, 302, "start")
            attempt_url = r.headers["Location"].split("?")[0]
        with self.client.get(attempt_url, name="question screen", catch_response=True) as r:
            self.expect(r, 200, "question screen")
            html = r.text
        attempt = attempt_url.rstrip("/").split("/")[-1]
        for screen in range(1, 11):
            question = QUESTION.search(html).group(1)
            sequence = SEQUENCE.search(html).group(1)
            choice = random.choice(choices_of(html, question))
            self.think()
            # js/offline.js sends a FormData body (multipart) with its own idempotency key.
            fields = {"question": question, f"q{question}": choice, "sequence": sequence}
            with self.client.post(
                f"{attempt_url}luu/",
                files={name: (None, value) for name, value in fields.items()},
                headers={
                    **csrf,
                    "Accept": "application/json",
                    "Idempotency-Key": str(uuid.uuid4()),
                },
                name="answer save",
                catch_response=True,
            ) as r:
                self.expect(r, 200, "answer save")
                sequence = str(r.json()["sequence"])
            SENT.write(
                json.dumps(
                    {
                        "attempt": int(attempt),
                        "question": int(question),
                        "choice": int(choice),
                        "user": learner["user"],
                        "t": time.time(),
                    }
                )
                + "\n"
            )
            if screen < 10:
                # Saved and nothing pending: quiz.js moves on with a GET, no form POST.
                with self.client.get(
                    f"{attempt_url}?cau={screen + 1}", name="question screen", catch_response=True
                ) as r:
                    self.expect(r, 200, "question screen")
                    html = r.text
            else:
                form = {
                    "question": question,
                    "sequence": sequence,
                    f"q{question}": choice,
                    "cau": str(screen),
                }
                with self.client.post(
                    f"{attempt_url}nop-bai/",
                    data=form,
                    headers=csrf,
                    name="finish",
                    allow_redirects=False,
                    catch_response=True,
                ) as r:
                    self.expect(r, 302, "finish")
                SENT.write(
                    json.dumps(
                        {"finished": int(attempt), "user": learner["user"], "t": time.time()}
                    )
                    + "\n"
                )
                with self.client.get(
                    f"{attempt_url}ket-qua/", name="result", catch_response=True
                ) as r:
                    self.expect(r, 200, "result")
