package dev.runsapi.mock.query;

/** What is wrong with one query parameter, named as on the wire. */
public record ParameterProblem(String parameter, String message) {}
