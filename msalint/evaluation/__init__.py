"""Accuracy evaluation: element presence predicted by the rulebook, scored against labels."""
