"""Whole-edition checks that run again only when what they read has changed.

The checks after the merge read the records of every page. Run in full on every
build, they would make all of the saved records into objects again
(:mod:`edition.packed`) when a contributor has changed one annotation. Each check
names the buckets and shared inputs it reads; what it reported is kept, and while
none of them changed (nor the configuration, nor its *stamp*, such as today's
date) it is reported again exactly as it was.

Checks run on ``env-updated``, once reading and merging are over, and not on
``env-check-consistency``: Sphinx saves the environment between the two, and
what a check reported must be saved with the records it was made from. So a
build that reads nothing reports the edition's problems too.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from sphinx.environment import CONFIG_OK

from edition.diagnostics import capture
from edition.domain import get_domain, known

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def connect(
    app: Sphinx,
    check: Callable[[Sphinx, BuildEnvironment], None],
    inputs: Iterable[str],
    stamp: Callable[[BuildEnvironment], Any] | None = None,
) -> None:
    """Run *check* after every read (see :func:`when_changed`)."""
    app.connect("env-updated", when_changed(check, inputs, stamp))


def when_changed(
    check: Callable[[Sphinx, BuildEnvironment], None],
    inputs: Iterable[str],
    stamp: Callable[[BuildEnvironment], Any] | None = None,
) -> Callable[[Sphinx, BuildEnvironment], None]:
    """*check*, run only if one of *inputs* (buckets or shared inputs) changed in this build,
    the configuration changed, or ``stamp(env)`` differs from last time; otherwise what it
    reported last time is reported again."""
    watched = known(inputs)
    key = f"checked:{check.__module__}.{check.__qualname__}"

    @functools.wraps(check)
    def run(app: Sphinx, env: BuildEnvironment) -> None:
        domain = get_domain(env)
        now = stamp(env) if stamp is not None else None
        kept = domain.data.get(key)
        if (
            kept is not None
            and kept[0] == now
            and env.config_status == CONFIG_OK
            and not domain.changed_now & watched
        ):
            for line in kept[1]:
                line.again()
            return
        with capture() as reported:
            check(app, env)
        domain.data[key] = (now, tuple(reported))

    return run
