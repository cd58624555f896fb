package dev.runsapi.mock.query;

/** Direction of the order on (createdAt, id). */
public enum SortOrder {
  ASC,
  DESC
}
