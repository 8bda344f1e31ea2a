package id.go.layanandesa.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import id.go.layanandesa.opd.OpdKind;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.Instant;

/**
 * For this service type (null: every service) and this area (kabupaten, kecamatan or desa): route to this OPD, or, for a
 * relative rule, to the active OPD of this kind (whose code starts with the prefix, when there is one) that serves the
 * desa or its kecamatan.
 */
@Entity
public class RoutingRule extends PanacheEntity {

    public String kabupatenCode;

    public Long serviceTypeId;

    public String regionCode;

    /** The OPD of an absolute rule; null for a relative one. */
    public Long opdId;

    /** The kind of OPD of a relative rule; null for an absolute one. */
    @Enumerated(EnumType.STRING)
    public OpdKind opdKind;

    /** Narrows a relative rule to the OPDs of its kind whose code starts with this (PKM_ among the UPTs). */
    public String opdCodePrefix;

    public String note;

    public Instant createdAt;
}
