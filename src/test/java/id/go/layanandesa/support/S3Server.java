package id.go.layanandesa.support;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;

/**
 * A real S3 API server in this JVM (S3Proxy over jclouds' in-memory store) on a free loopback port, with access-key
 * authentication: what the S3 storage is tested against, speaking HTTP and AWS signatures like any S3-compatible store.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "layanan-test";
    public static final String SECRET_KEY = "layanan-test-secret-key";

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    private S3Server(S3Proxy proxy, BlobStoreContext context) {
        this.proxy = proxy;
        this.context = context;
    }

    public static S3Server start() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("ignored", "ignored").build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(20);
        }
        return new S3Server(proxy, context);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
