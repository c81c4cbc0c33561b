"""Email as a job: the request that asks for it answers at once, and a slow
or failing mail server never holds a web worker."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives

from tiewise.accounts.models import User

from .models import Job
from .services import Outcome, Report, job_submit


def email_later(
    *, sender: User, to: list[str], subject: str, body: str, html: str = "", kind: str = ""
) -> Job:
    """Queue one email on behalf of `sender` (its owner for the status page)."""
    return job_submit(
        owner=sender,
        kind="send_email",
        params={"to": to, "subject": subject, "body": body, "html": html, "what": kind},
    )


def send_email(job: Job, report: Report) -> Outcome:
    """The handler: send what `email_later` queued. Sending twice after a
    crash is possible in principle; the mail server sees one message per run."""
    p = job.params
    message = EmailMultiAlternatives(subject=p["subject"], body=p["body"], to=list(p["to"]))
    if p.get("html"):
        message.attach_alternative(p["html"], "text/html")
    message.send()
    return Outcome(result={"sent_to": len(p["to"])})
