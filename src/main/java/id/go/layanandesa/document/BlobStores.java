package id.go.layanandesa.document;

import id.go.layanandesa.common.LayananConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The one {@link BlobStore} of the service, as configured under {@code layanan.documents}. */
@ApplicationScoped
public class BlobStores {

    private static final Logger LOG = Logger.getLogger(BlobStores.class);

    @Produces
    @Singleton
    @Startup
    BlobStore store(LayananConfig config) {
        LayananConfig.Documents documents = config.documents();
        BlobStore store = switch (documents.storage()) {
            case "file" -> file(documents, config.dataDir());
            case "s3" -> s3(documents.s3());
            default -> throw new IllegalStateException("layanan.documents.storage must be file or s3, not " + documents.storage());
        };
        LOG.infof("documents are kept as %s", store.describe());
        return store;
    }

    void close(@Disposes BlobStore store) {
        if (store instanceof S3BlobStore) {
            // the client's connections end with the process
            LOG.debug("object store client released");
        }
    }

    static FileBlobStore file(LayananConfig.Documents documents, String dataDir) {
        try {
            return new FileBlobStore(documents.dir().map(Path::of).orElse(Path.of(dataDir, "documents")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the documents folder", e);
        }
    }

    /** A client for the configured store; the bucket is made when it does not exist yet. */
    public static S3BlobStore s3(LayananConfig.Documents.S3 s3) {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(s3.region()))
                // checksums only where the API requires them: many S3-compatible stores do not take the newer trailing ones
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build());
        s3.endpoint().ifPresent(e -> builder.endpointOverride(URI.create(e)));
        if (s3.accessKey().isPresent() && s3.secretKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey().get(), s3.secretKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        S3Client client = builder.build();
        try {
            client.headBucket(b -> b.bucket(s3.bucket()));
        } catch (NoSuchBucketException e) {
            client.createBucket(b -> b.bucket(s3.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw new IllegalStateException("the object store refused access to bucket " + s3.bucket() + " (" + e.statusCode() + ")", e);
            }
            client.createBucket(b -> b.bucket(s3.bucket()));
        }
        String where = "objects in bucket " + s3.bucket() + " of " + s3.endpoint().orElse("AWS S3 (" + s3.region() + ")")
                + s3.prefix().map(p -> " under " + p).orElse("");
        return new S3BlobStore(client, s3.bucket(), s3.prefix().orElse(""), where);
    }
}
