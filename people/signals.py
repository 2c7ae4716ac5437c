"""Signals of the people app."""

from django.dispatch import Signal

# Sent by `people.services.unit_move` after a unit and its subtree moved: treebeard moves them
# with raw SQL, so no model signal says that units' paths changed. Whatever is kept per
# person's units (lms.admin_chrome) listens.
unit_tree_moved = Signal()
