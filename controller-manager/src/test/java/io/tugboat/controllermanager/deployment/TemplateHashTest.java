package io.tugboat.controllermanager.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.core.PodTemplateSpec;
import org.junit.jupiter.api.Test;

class TemplateHashTest {
    final PodTemplateSpec template = DeploymentControllerTest.deployment("web", 1, "img:1").spec().template();

    @Test
    void theHashIsDeterministicAndSafeForNames() {
        String hash = TemplateHash.compute(template, null);
        assertEquals(hash, TemplateHash.compute(DeploymentControllerTest.deployment("web", 1, "img:1").spec().template(), null));
        assertTrue(hash.matches("[bcdfghjklmnpqrstvwxz2456789]+"), hash);
    }

    @Test
    void anotherTemplateOrACollisionCountGivesAnotherHash() {
        String hash = TemplateHash.compute(template, null);
        assertNotEquals(hash, TemplateHash.compute(DeploymentControllerTest.deployment("web", 1, "img:2").spec().template(), null));
        assertNotEquals(hash, TemplateHash.compute(template, 1));
        assertNotEquals(TemplateHash.compute(template, 1), TemplateHash.compute(template, 2));
    }

    @Test
    void safeEncodingMapsEachDigitToALetterAsKubernetesDoes() {
        // '0' is byte 48, 48 % 27 = 21 -> '4'; '1' -> 22 -> '5'; '9' -> 57 % 27 = 3 -> 'f'
        assertEquals("45f", TemplateHash.safeEncode("019"));
    }

    @Test
    void templatesEqualIgnoringTheHashLabelAndEmptyFields() {
        PodTemplateSpec labelled = TemplateHash.withLabel(template, "abc");
        assertTrue(TemplateHash.equalIgnoringHash(template, labelled));
        assertEquals("abc", labelled.metadata().labels().get(TemplateHash.LABEL));
    }
}
