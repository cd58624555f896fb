package dev.runsapi.docs;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generated documentation page is a standalone HTML page of the whole contract. */
class DocumentationPageTest {

    private static String page() throws IOException {
        try (InputStream in = DocumentationPageTest.class.getClassLoader().getResourceAsStream("runs-api-docs/index.html")) {
            assertNotNull(in, "runs-api-docs/index.html was not generated");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void page_documentsTheEndpointEveryParameterAndEveryStatus() throws IOException {
        String html = page();
        assertTrue(html.contains("/api/v1/run"), "endpoint");
        for (String parameter : new String[] {"app_id", "start_time", "end_time", "search", "models", "tags", "type",
                "min_duration", "max_duration", "limit", "page", "order"}) {
            assertTrue(html.contains(parameter), "parameter " + parameter);
        }
        for (String status : new String[] {"403", "422", "429", "500", "503"}) {
            assertTrue(html.contains(status), "status " + status);
        }
        assertTrue(html.contains("Errors and which one wins"), "the precedence section of the description");
    }

    @Test
    void page_loadsNothingFromTheNetworkToShowTheContract() throws IOException {
        String html = page();
        assertTrue(html.contains("<html") && html.contains("</html>"));
        assertTrue(!html.contains("<script src=\"http"), "external scripts");
    }
}
