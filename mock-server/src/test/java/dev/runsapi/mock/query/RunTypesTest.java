package dev.runsapi.mock.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runsapi.server.model.RunType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The mock's run types are the contract's, in its order. */
class RunTypesTest {
  @Test
  void all_isTheContractsRunTypeEnum() {
    assertEquals(Arrays.stream(RunType.values()).map(RunType::getValue).toList(), RunTypes.ALL);
  }
}
