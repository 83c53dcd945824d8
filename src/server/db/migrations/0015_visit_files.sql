-- Visit files: a signature is named inside aid_delivery.acknowledgement (ZAcknowledgement,
-- {"kind":"signed","signatureSha256":…}); a download asks which deliveries name it, so that
-- lookup gets an index (partial: most acknowledgements of a campaign are signatures, none of
-- the witnessed ones need it).
CREATE INDEX aid_delivery_signature_idx ON aid_delivery ((acknowledgement ->> 'signatureSha256'))
  WHERE acknowledgement ->> 'kind' = 'signed';
