package dev.runsapi.conformance.report;

import dev.runsapi.conformance.wire.ExtraHeader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest {
    static final Secrets SECRETS = Secrets.of("key-acme-0001", "key-globex-0002",
            List.of(new ExtraHeader("Authorization", "Bearer tok/en+1=="), new ExtraHeader("X-Tenant", "t1")), false);

    @Test
    void redact_replacesEverySpellingOfALongSecret() {
        assertEquals("got $RUNS_API_KEY and $RUNS_OTHER_API_KEY", SECRETS.redact("got key-acme-0001 and key-globex-0002"));
        assertEquals("a=$RUNS_HEADER_AUTHORIZATION&", SECRETS.redact("a=Bearer%20tok%2Fen%2B1%3D%3D&"));
        assertEquals("{\"k\":\"$RUNS_HEADER_AUTHORIZATION\"}", SECRETS.redact("{\"k\":\"Bearer tok\\/en+1==\"}"
                .replace("\\/", "/")));
        assertEquals("$RUNS_API_KEY(case changed)", SECRETS.redact("KEY-ACME-0001"));
    }

    @Test
    void redact_leavesShortSecretsToTheCurlRenderer_andWarnsAboutThem() {
        assertEquals("t1 stays, so does a t1me", SECRETS.redact("t1 stays, so does a t1me"));
        List<String> preamble = SECRETS.preamble();
        assertTrue(preamble.get(0).contains("set RUNS_API_KEY to the --api-key you gave, RUNS_OTHER_API_KEY to the "
                + "--other-api-key you gave, RUNS_HEADER_AUTHORIZATION to the value of --header Authorization and "
                + "RUNS_HEADER_X_TENANT to the value of --header X-Tenant"), preamble.get(0));
        assertTrue(preamble.get(1).startsWith("warning: the value of --header X-Tenant is shorter than 8"), preamble.get(1));
        assertEquals(2, preamble.size());
    }

    @Test
    void redactCommandLine_masksShortSecretsWhereTheyAreWholeArguments() {
        assertEquals("run.jar --api-key $RUNS_API_KEY --header X-Tenant: $RUNS_HEADER_X_TENANT --app-id t1x",
                SECRETS.redactCommandLine("run.jar --api-key key-acme-0001 --header X-Tenant: t1 --app-id t1x"));
    }

    @Test
    void showSecrets_masksNothing_andSaysSo() {
        Secrets shown = Secrets.of("key-acme-0001", null, List.of(), true);
        assertEquals("key-acme-0001", shown.redact("key-acme-0001"));
        assertTrue(shown.preamble().get(0).contains("--show-secrets"), shown.preamble().toString());
    }

    @Test
    void variables_ofHeadersThatLookAlike_areDistinct() {
        Secrets s = Secrets.of("k1", null, List.of(new ExtraHeader("X-A", "value-one-long"),
                new ExtraHeader("X_A", "value-two-long")), false);
        assertEquals(List.of("RUNS_HEADER_X_A", "RUNS_HEADER_X_A_2"), s.all().stream()
                .filter(x -> x.variable().startsWith("RUNS_HEADER")).map(Secrets.Secret::variable).sorted().toList());
        assertFalse(s.redact("value-two-long").contains("value"));
    }
}
