// Write jobs the writer may run together: a hot write (an appeal's
// submission) lets PostgreSQL's writer send many jobs' statements in one
// round trip instead of one round trip each.
//
// A job wrapped in Replayable promises two things: it may be run more than
// once in the same batch (each run derives everything it writes afresh and
// keeps nothing from an earlier run), and it passes every failure up as it
// came (the rule of Connection::defer_rowless_statements). In exchange the
// writer runs consecutive Replayable jobs as one *run* (writer.h): their
// held-back statements stay held past each job's end and go to the server
// together. Any failure in a run — a statement of one of its jobs, found when
// it is finally sent — rolls the whole run back to its savepoint, and the
// writer then runs each of its jobs again, one by one, as it runs any other
// job; so every job still gets exactly its own Status and nothing of a failed
// job is committed. On SQLite a Replayable job is run as any other.
//
// run_returning_id_into() is the other half: a job that needs a row's id only
// for its answer (its `done` callback) lets the engine hold that INSERT back
// too.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "store/connection.h"
#include "store/database.h"

namespace warmcity::store {

// Database::submit(Replayable{job}, done): see the header comment.
struct Replayable {
  Database::WriteJob job;
  Status operator()(Connection& c) const { return job(c); }
};

// Runs `s`, an `INSERT … RETURNING id` of one row, and writes that id into
// *into: at once on SQLite, and on PostgreSQL, in a job that let the engine
// hold statements back, when the INSERT is sent — before the job's `done`
// is called at the latest, or before send_held() returns. So the job must not
// read *into itself (call send_held() first), and *into must live as long as
// the job (state the job's closure owns does). A failure is passed up like
// any held statement's.
Status run_returning_id_into(Connection& c, Statement& s, int64_t* into);

// Sends whatever the job holds back now and answers the first failure; ids
// promised by run_returning_id_into() are written. Ok at once on SQLite.
Status send_held(Connection& c);

}  // namespace warmcity::store
