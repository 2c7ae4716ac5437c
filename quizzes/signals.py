"""Signals of the quizzes app.

`attempt_finished` is sent (synchronously, inside the finishing transaction) once per attempt
that was finished and graded, whether by its learner or by the overdue sweep. Receivers get
`sender=Attempt` and `attempt`; the reports app listens to it (quizzes never imports reports).
Receivers that do more than bookkeeping should defer their work with `transaction.on_commit`.
"""

from django.dispatch import Signal

attempt_finished = Signal()
