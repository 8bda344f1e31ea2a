package id.go.layanandesa.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import id.go.layanandesa.opd.OpdKind;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * For this service type (null: every service) and this area (kabupaten, kecamatan or desa): route to this OPD, or, for a
 * relative rule, to the active OPD of this kind (whose code starts with the prefix, when there is one) that serves the
 * desa or its kecamatan.
 */
@Entity
@Table(name = "routing_rule")
public class RoutingRule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "routing_rule_seq")
    @SequenceGenerator(name = "routing_rule_seq", sequenceName = "routing_rule_seq", allocationSize = 50)
    public Long id;

    @Column(name = "kabupaten_code")
    public String kabupatenCode;

    @Column(name = "service_type_id")
    public Long serviceTypeId;

    @Column(name = "region_code")
    public String regionCode;

    /** The OPD of an absolute rule; null for a relative one. */
    @Column(name = "opd_id")
    public Long opdId;

    /** The kind of OPD of a relative rule; null for an absolute one. */
    @Enumerated(EnumType.STRING)
    @Column(name = "opd_kind")
    public OpdKind opdKind;

    /** Narrows a relative rule to the OPDs of its kind whose code starts with this (PKM_ among the UPTs). */
    @Column(name = "opd_code_prefix")
    public String opdCodePrefix;

    public String note;

    @Column(name = "created_at")
    public Instant createdAt;
}
