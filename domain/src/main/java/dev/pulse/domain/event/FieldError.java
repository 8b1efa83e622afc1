package dev.pulse.domain.event;

/** FieldError names one field of a request that broke a rule, and the rule it broke. */
public record FieldError(String field, String message) {}
