"""The rule book: YAML rule packs, their validation and the rule kinds that run them."""
