# Sourced by lock.sh and setup_env.sh: one hash over the files the locks are made from.
requirements_hash() {
  cat requirements.txt requirements-dev.txt requirements-build.txt | sha256sum | cut -d' ' -f1
}
