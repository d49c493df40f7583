using { conformance as db } from './model';

@path: '/conformance'
service ConformanceService {
  entity Products     as projection on db.Products;
  entity Orders       as projection on db.Orders actions {
    action confirm(note : String) returns Orders;
  };
  entity OrderItems   as projection on db.OrderItems;
  entity Translations as projection on db.Translations;
  @cds.query.limit: { default: 4, max: 4 }
  entity Events       as projection on db.Events;

  function echo(text : String, times : Integer) returns String;
  function productCount() returns Integer;
  action   resetEvents(count : Integer) returns Integer;
}
