"""Exceptions raised by rlct for bad input.

Every problem with what a user typed or passed is reported as an :class:`RLCTInputError`
(a ``ValueError``) whose message is one line naming the problem.  The command line turns it into
that line on stderr and exit code 2.
"""


class RLCTInputError(ValueError):
    """The input (polynomial, point, prior, variables, options) is not acceptable.

    Examples
    --------
    >>> raise RLCTInputError("K is empty")
    Traceback (most recent call last):
    ...
    rlct.errors.RLCTInputError: K is empty
    """
