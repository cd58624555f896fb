package dev.runsapi.mock.http;

import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a {@link PreparedRunsPage} from its prepared bytes, with its Content-Length; registered
 * ahead of Jackson's converter ({@link JsonConfig}), which writes every other body.
 */
final class PreparedRunsPageConverter extends AbstractHttpMessageConverter<PreparedRunsPage> {

  PreparedRunsPageConverter() {
    super(MediaType.APPLICATION_JSON);
  }

  @Override
  protected boolean supports(Class<?> type) {
    return PreparedRunsPage.class == type;
  }

  @Override
  protected boolean canRead(MediaType mediaType) {
    return false; // answers only
  }

  @Override
  protected PreparedRunsPage readInternal(Class<? extends PreparedRunsPage> type, HttpInputMessage input) {
    throw new HttpMessageNotReadableException("a prepared page is never read", input);
  }

  @Override
  protected Long getContentLength(PreparedRunsPage page, MediaType contentType) {
    return page.length();
  }

  @Override
  protected void writeInternal(PreparedRunsPage page, HttpOutputMessage output) throws IOException {
    page.writeTo(output.getBody());
  }
}
