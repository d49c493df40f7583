// The conformance server's model: written for the bcts conformance suite (apps/conformance).
// Each element exists to exercise one part of OData V4 through the generated client.
namespace conformance;

using { cuid, managed } from '@sap/cds/common';

/** String key with special characters; every primitive literal type; no ETag (writes need no If-Match). */
entity Products {
  key code        : String(60);
      name        : String(200);
      description : String(500);
      price       : Decimal(10, 2);
      stock       : Integer;
      bigNumber   : Int64;
      rating      : Double;
      active      : Boolean;
      releaseDate : Date;
      releaseTime : Time;
      updatedAt   : Timestamp;
      token       : UUID;
}

/** ETag (`@odata.etag` element), a composition for deep insert and $expand, a bound action. */
entity Orders : cuid {
  title      : String(200);
  customer   : String(200);
  total      : Decimal(12, 2);
  status     : String(20) default 'open';
  modifiedAt : Timestamp @cds.on.insert: $now  @cds.on.update: $now  @odata.etag;
  items      : Composition of many OrderItems on items.order = $self;
}

/** Composite key (the parent's id and a line number). */
entity OrderItems {
  key order    : Association to Orders;
  key lineNo   : Integer;
      product  : String(60);
      quantity : Integer;
}

/** Composite string key with special characters. */
entity Translations {
  key locale : String(20);
  key term   : String(100);
      text   : String(500);
}

/** Server-driven paging with a small page limit. */
entity Events {
  key seq   : Integer;
      label : String(50);
}
