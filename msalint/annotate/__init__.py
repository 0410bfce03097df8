"""Findings where reviewers work: Word comments in a DOCX, highlights in a PDF, a one-page HTML review.

Every writer here produces a new file and leaves the agreement it read untouched.
"""
